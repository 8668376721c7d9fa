#include "connectionspec.h"

#include <QTest>

using namespace Tabula;

Q_DECLARE_METATYPE(Tabula::DatabaseKind)

class ConnectionSpecTest : public QObject
{
    Q_OBJECT
private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<DatabaseKind>("kind");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("database");

        const auto sqlite = DatabaseKind::SQLite;
        const auto pg = DatabaseKind::PostgreSQL;
        const auto my = DatabaseKind::MySQL;
        QTest::newRow("sqlite relative") << "sqlite:///data/rel.db" << sqlite << "" << -1 << ""
                                         << ""
                                         << "data/rel.db";
        QTest::newRow("sqlite absolute") << "sqlite:////srv/abs.db" << sqlite << "" << -1 << ""
                                         << ""
                                         << "/srv/abs.db";
        QTest::newRow("sqlite encoded space")
            << "sqlite:////srv/my%20data.db" << sqlite << "" << -1 << ""
            << ""
            << "/srv/my data.db";
        QTest::newRow("plain path") << "/home/ada/notes.sqlite" << sqlite << "" << -1 << ""
                                    << ""
                                    << "/home/ada/notes.sqlite";
        QTest::newRow("plain path, spaces around") << "  rel.db \n"
                                                   << sqlite << "" << -1 << ""
                                                   << ""
                                                   << "rel.db";
        QTest::newRow("postgresql")
            << "postgresql://ada:secret@db.example:5433/shop" << pg << "db.example" << 5433 << "ada"
            << "secret"
            << "shop";
        QTest::newRow("postgres alias")
            << "postgres://ada@localhost/shop" << pg << "localhost" << -1 << "ada"
            << ""
            << "shop";
        QTest::newRow("driver suffix ignored")
            << "postgresql+psycopg2://ada:pw@h:1/shop" << pg << "h" << 1 << "ada"
            << "pw"
            << "shop";
        QTest::newRow("scheme case") << "PostgreSQL://h/shop" << pg << "h" << -1 << ""
                                     << ""
                                     << "shop";
        QTest::newRow("mysql") << "mysql://root:pw@127.0.0.1:3307/app" << my << "127.0.0.1" << 3307
                               << "root"
                               << "pw"
                               << "app";
        QTest::newRow("mysql+pymysql") << "mysql+pymysql://u@h/app" << my << "h" << -1 << "u"
                                       << ""
                                       << "app";
        QTest::newRow("mariadb") << "mariadb://u:p@h:3306/app" << my << "h" << 3306 << "u"
                                 << "p"
                                 << "app";
        QTest::newRow("percent-encoded password")
            << "postgresql://ada:p%40ss%3Aw%2Frd%25%3F@h/db" << pg << "h" << -1 << "ada"
            << "p@ss:w/rd%?"
            << "db";
        QTest::newRow("raw @ in password")
            << "postgresql://ada:p@ss@h/db" << pg << "h" << -1 << "ada"
            << "p@ss"
            << "db";
        QTest::newRow("encoded user") << "mysql://ad%C3%A4%20x:pw@h/db" << my << "h" << -1
                                      << QString::fromUtf8("adä x") << "pw"
                                      << "db";
        QTest::newRow("ipv6 with port")
            << "postgresql://u@[::1]:5432/db" << pg << "::1" << 5432 << "u"
            << ""
            << "db";
        QTest::newRow("ipv6 without port")
            << "postgresql://u@[fe80::1:2]/db" << pg << "fe80::1:2" << -1 << "u"
            << ""
            << "db";
        QTest::newRow("socket as query") << "postgresql://u@/db?host=/var/run/postgresql" << pg
                                         << "/var/run/postgresql" << -1 << "u"
                                         << ""
                                         << "db";
        QTest::newRow("socket percent-encoded as host")
            << "postgresql://u@%2Fvar%2Frun%2Fpostgresql/db" << pg << "/var/run/postgresql" << -1
            << "u"
            << ""
            << "db";
        QTest::newRow("mysql socket") << "mysql://u:p@/db?host=/run/mysqld/mysqld.sock" << my
                                      << "/run/mysqld/mysqld.sock" << -1 << "u"
                                      << "p"
                                      << "db";
        QTest::newRow("port as query")
            << "postgresql://u@h/db?port=6000" << pg << "h" << 6000 << "u"
            << ""
            << "db";
        QTest::newRow("encoded database name") << "postgresql://h/my%20db" << pg << "h" << -1 << ""
                                               << ""
                                               << "my db";
    }
    void parses()
    {
        QFETCH(QString, url);
        QString error = QStringLiteral("not cleared");
        const ConnectionSpec spec = ConnectionSpec::fromUrl(url, &error);
        QCOMPARE(error, QString());
        QTEST(spec.kind, "kind");
        QTEST(spec.host, "host");
        QTEST(spec.port, "port");
        QTEST(spec.user, "user");
        QTEST(spec.password, "password");
        QTEST(spec.database, "database");
    }

    void keepsOptions()
    {
        QString error;
        const ConnectionSpec spec = ConnectionSpec::fromUrl(
            "postgresql://u:pw@h/db?sslmode=require&connect_timeout=5&host=/tmp/sock", &error);
        QCOMPARE(error, QString());
        QCOMPARE(spec.options.value("sslmode"), QString("require"));
        QCOMPARE(spec.options.value("connect_timeout"), QString("5"));
        QVERIFY(!spec.options.contains("host")); // taken as the socket, not passed on
        QCOMPARE(spec.host, QString("/tmp/sock"));
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown scheme") << "oracle://h/db"
                                        << "oracle";
        QTest::newRow("sqlite without path") << "sqlite://"
                                             << "sqlite:///";
        QTest::newRow("sqlite with host") << "sqlite://file.db"
                                          << "sqlite:///";
        QTest::newRow("port not a number") << "postgresql://h:abc/db"
                                           << "abc";
        QTest::newRow("no database") << "postgresql://u@h:5432"
                                     << "database";
        QTest::newRow("empty database") << "mysql://u@h/"
                                        << "database";
    }
    void rejects()
    {
        QFETCH(QString, url);
        QFETCH(QString, mentions);
        QString error;
        ConnectionSpec::fromUrl(url, &error);
        QVERIFY2(error.contains(mentions, Qt::CaseInsensitive), qPrintable(error));
    }

    void roundTrips_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("pg") << "postgresql://ada:s%40c%3Aret@db.example:5433/shop?sslmode=require";
        QTest::newRow("ipv6") << "postgresql://ada@[::1]:5432/shop";
        QTest::newRow("socket") << "postgresql://ada@/shop?host=/var/run/postgresql";
        QTest::newRow("mysql") << "mysql://root:pw@127.0.0.1:3307/app";
        QTest::newRow("sqlite absolute") << "sqlite:////srv/abs.db";
        QTest::newRow("sqlite relative") << "sqlite:///rel.db";
    }
    void roundTrips()
    {
        QFETCH(QString, url);
        QString error;
        const ConnectionSpec spec = ConnectionSpec::fromUrl(url, &error);
        QCOMPARE(error, QString());
        const ConnectionSpec again = ConnectionSpec::fromUrl(spec.toUrl(true), &error);
        QCOMPARE(error, QString());
        QCOMPARE(again.kind, spec.kind);
        QCOMPARE(again.host, spec.host);
        QCOMPARE(again.port, spec.port);
        QCOMPARE(again.user, spec.user);
        QCOMPARE(again.password, spec.password);
        QCOMPARE(again.database, spec.database);
        QCOMPARE(again.options, spec.options);
    }

    void displayUrlHidesPassword()
    {
        QString error;
        const ConnectionSpec spec = ConnectionSpec::fromUrl(
            "postgresql+psycopg2://ada:topsecret@db.example:5433/shop?sslmode=require", &error);
        QCOMPARE(spec.displayUrl(),
                 QString("postgresql://ada@db.example:5433/shop?sslmode=require"));
        QCOMPARE(spec.toUrl(false), spec.displayUrl());
        QVERIFY(!spec.displayUrl().contains("topsecret"));
        QVERIFY(spec.toUrl(true).contains("ada:topsecret@"));
    }

    void toUrlForms()
    {
        ConnectionSpec ipv6;
        ipv6.kind = DatabaseKind::MySQL;
        ipv6.host = "::1";
        ipv6.port = 3306;
        ipv6.database = "app";
        QCOMPARE(ipv6.toUrl(false), QString("mysql://[::1]:3306/app"));

        ConnectionSpec socket;
        socket.kind = DatabaseKind::PostgreSQL;
        socket.host = "/run/postgresql";
        socket.user = "ada";
        socket.database = "shop";
        QCOMPARE(socket.toUrl(false), QString("postgresql://ada@/shop?host=/run/postgresql"));

        QCOMPARE(ConnectionSpec::sqliteFile("/srv/abs.db").toUrl(false),
                 QString("sqlite:////srv/abs.db"));
        QCOMPARE(ConnectionSpec::sqliteFile("rel.db").toUrl(false), QString("sqlite:///rel.db"));
    }
};

QTEST_GUILESS_MAIN(ConnectionSpecTest)
#include "tst_connectionspec.moc"
