// The connect dialog driven by the keyboard: a URL typed into the URL field fills the fields,
// fields typed into rewrite the URL, and the password stays out of the URL.

#include "connectdialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>
#include <QUrl>
#include <memory>

using namespace Tabula;

namespace {

enum KindIndex
{
    PostgreSQL,
    MySQL,
    SQLite
};

} // namespace

class ConnectDialogTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ConnectDialog> m_dialog;

    template <typename T> T *child(const char *name) const
    {
        T *widget = m_dialog->findChild<T *>(QLatin1String(name));
        if (!widget)
            qFatal("the connect dialog has no %s", name);
        return widget;
    }
    QLineEdit *urlEdit() const { return child<QLineEdit>("urlEdit"); }
    QComboBox *kindCombo() const { return child<QComboBox>("kindCombo"); }
    QLineEdit *hostEdit() const { return child<QLineEdit>("hostEdit"); }
    QSpinBox *portSpin() const { return child<QSpinBox>("portSpin"); }
    QLineEdit *databaseEdit() const { return child<QLineEdit>("databaseEdit"); }
    QLineEdit *userEdit() const { return child<QLineEdit>("userEdit"); }
    QLineEdit *passwordEdit() const { return child<QLineEdit>("passwordEdit"); }
    QComboBox *sslCombo() const { return child<QComboBox>("sslCombo"); }
    QLabel *messageLabel() const { return child<QLabel>("messageLabel"); }

    // Replaces what a line edit holds with `text`, typed key by key.
    static void retype(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    }

private slots:
    void init()
    {
        m_dialog = std::make_unique<ConnectDialog>();
        ConnectionSpec start;
        start.kind = DatabaseKind::PostgreSQL;
        start.host = QStringLiteral("localhost");
        m_dialog->setSpec(start);
        m_dialog->show();
        m_dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
    }

    void cleanup() { m_dialog.reset(); }

    void typedUrlFillsTheFields_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("sslmode");

        QTest::newRow("postgresql") << "postgresql://ann@db.example.com:5433/shop"
                                    << int(PostgreSQL) << "db.example.com" << 5433 << "shop"
                                    << "ann"
                                    << "";
        QTest::newRow("driver suffix") << "postgresql+psycopg2://bob@10.0.0.7/sales"
                                       << int(PostgreSQL) << "10.0.0.7" << 0 << "sales"
                                       << "bob"
                                       << "";
        QTest::newRow("mysql") << "mysql://carl@127.0.0.1:3307/crm" << int(MySQL) << "127.0.0.1"
                               << 3307 << "crm"
                               << "carl"
                               << "";
        QTest::newRow("socket") << "postgresql://dora@/stock?host=/var/run/postgresql"
                                << int(PostgreSQL) << "/var/run/postgresql" << 0 << "stock"
                                << "dora"
                                << "";
        QTest::newRow("mysql socket") << "mysql://eve@/crm?host=/run/mysqld/mysqld.sock"
                                      << int(MySQL) << "/run/mysqld/mysqld.sock" << 0 << "crm"
                                      << "eve"
                                      << "";
        QTest::newRow("sslmode") << "postgresql://fay@pg.example.com/shop?sslmode=verify-full"
                                 << int(PostgreSQL) << "pg.example.com" << 0 << "shop"
                                 << "fay"
                                 << "verify-full";
    }

    void typedUrlFillsTheFields()
    {
        QFETCH(QString, url);
        QFETCH(int, kind);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, database);
        QFETCH(QString, user);
        QFETCH(QString, sslmode);

        // Fields left from a different start must all be replaced.
        ConnectionSpec other;
        other.kind = kind == MySQL ? DatabaseKind::PostgreSQL : DatabaseKind::MySQL;
        other.host = QStringLiteral("elsewhere");
        other.port = 1234;
        other.database = QStringLiteral("olddb");
        other.user = QStringLiteral("olduser");
        m_dialog->setSpec(other);

        retype(urlEdit(), url);

        QCOMPARE(urlEdit()->text(), url); // what the user typed stays as typed
        QCOMPARE(kindCombo()->currentIndex(), kind);
        QCOMPARE(hostEdit()->text(), host);
        QCOMPARE(portSpin()->value(), port);
        QCOMPARE(databaseEdit()->text(), database);
        QCOMPARE(userEdit()->text(), user);
        QCOMPARE(sslCombo()->currentText(), sslmode);
        QVERIFY(!messageLabel()->isVisible());
        QCOMPARE(sslCombo()->isEnabled(), kind == PostgreSQL);

        const ConnectionSpec spec = m_dialog->spec();
        QCOMPARE(int(spec.kind),
                 int(kind == MySQL ? DatabaseKind::MySQL : DatabaseKind::PostgreSQL));
        QCOMPARE(spec.host, host);
        QCOMPARE(spec.port, port > 0 ? port : -1);
        QCOMPARE(spec.database, database);
        QCOMPARE(spec.user, user);
        QCOMPARE(spec.options.value(QStringLiteral("sslmode")), sslmode);
    }

    void editedFieldsRewriteTheUrl()
    {
        retype(hostEdit(), QStringLiteral("db.example.com"));
        QCOMPARE(urlEdit()->text(), QStringLiteral("postgresql://db.example.com/"));

        portSpin()->setFocus();
        portSpin()->selectAll();
        QTest::keyClicks(portSpin(), QStringLiteral("5433"));
        QCOMPARE(portSpin()->value(), 5433);
        retype(databaseEdit(), QStringLiteral("shop"));
        retype(userEdit(), QStringLiteral("ann"));
        QCOMPARE(urlEdit()->text(), QStringLiteral("postgresql://ann@db.example.com:5433/shop"));

        sslCombo()->setFocus();
        sslCombo()->setCurrentIndex(sslCombo()->findText(QStringLiteral("require")));
        QCOMPARE(urlEdit()->text(),
                 QStringLiteral("postgresql://ann@db.example.com:5433/shop?sslmode=require"));

        // MariaDB has no sslmode: choosing it drops the option along with the scheme.
        kindCombo()->setFocus();
        QTest::keyClick(kindCombo(), Qt::Key_Down);
        QCOMPARE(kindCombo()->currentIndex(), int(MySQL));
        QCOMPARE(urlEdit()->text(), QStringLiteral("mysql://ann@db.example.com:5433/shop"));
        QVERIFY(!sslCombo()->isEnabled());

        // A socket folder typed as the host goes into the query, as SQLAlchemy spells it.
        retype(hostEdit(), QStringLiteral("/run/mysqld/mysqld.sock"));
        const ConnectionSpec parsed = ConnectionSpec::fromUrl(urlEdit()->text(), nullptr);
        QCOMPARE(parsed.host, QStringLiteral("/run/mysqld/mysqld.sock"));
        QCOMPARE(parsed.database, QStringLiteral("shop"));
        QVERIFY2(urlEdit()->text().contains(QLatin1String("?host=")),
                 qPrintable(urlEdit()->text()));
    }

    void passwordStaysOutOfTheUrl()
    {
        const QString password = QStringLiteral("s3cr:t@pw");
        retype(passwordEdit(), password);
        QVERIFY2(!urlEdit()->text().contains(QLatin1String("s3cr")), qPrintable(urlEdit()->text()));

        // Neither a field edit nor a typed URL without a password shows or loses it.
        retype(userEdit(), QStringLiteral("ann"));
        retype(databaseEdit(), QStringLiteral("shop"));
        QVERIFY2(!urlEdit()->text().contains(QLatin1String("s3cr")), qPrintable(urlEdit()->text()));
        QVERIFY(!urlEdit()->text().contains(QString::fromUtf8(QUrl::toPercentEncoding(password))));
        QCOMPARE(m_dialog->spec().password, password);

        retype(urlEdit(), QStringLiteral("postgresql://ann@db.example.com/shop"));
        QCOMPARE(hostEdit()->text(), QStringLiteral("db.example.com"));
        QCOMPARE(passwordEdit()->text(), password);
        QCOMPARE(m_dialog->spec().password, password);
        QCOMPARE(m_dialog->spec().user, QStringLiteral("ann"));

        // A password typed into the URL moves to the password field, and out of the URL as
        // soon as a field rewrites it.
        retype(urlEdit(), QStringLiteral("postgresql://ann:hunter2@db.example.com/shop"));
        QCOMPARE(passwordEdit()->text(), QStringLiteral("hunter2"));
        QCOMPARE(m_dialog->spec().password, QStringLiteral("hunter2"));
        retype(databaseEdit(), QStringLiteral("stock"));
        QCOMPARE(urlEdit()->text(), QStringLiteral("postgresql://ann@db.example.com/stock"));
        QCOMPARE(m_dialog->spec().password, QStringLiteral("hunter2"));
    }

    // Options with no field of their own (README: connect_timeout goes to libpq) must reach
    // the connection, whether typed or handed in by a failed open that asks again.
    void optionsWithoutAFieldAreKept()
    {
        retype(urlEdit(), QStringLiteral("postgresql://ann@db/shop?connect_timeout=5"));
        QCOMPARE(m_dialog->spec().options.value(QStringLiteral("connect_timeout")),
                 QStringLiteral("5"));

        retype(userEdit(), QStringLiteral("bob"));
        sslCombo()->setCurrentIndex(sslCombo()->findText(QStringLiteral("require")));
        QCOMPARE(urlEdit()->text(),
                 QStringLiteral("postgresql://bob@db/shop?connect_timeout=5&sslmode=require"));
        ConnectionSpec spec = m_dialog->spec();
        QCOMPARE(spec.options.value(QStringLiteral("connect_timeout")), QStringLiteral("5"));
        QCOMPARE(spec.options.value(QStringLiteral("sslmode")), QStringLiteral("require"));

        ConnectionSpec failed = ConnectionSpec::fromUrl(
            QStringLiteral("postgresql://ann@db/shop?connect_timeout=7&sslmode=disable"), nullptr);
        m_dialog->setSpec(failed);
        retype(passwordEdit(), QStringLiteral("secret"));
        spec = m_dialog->spec();
        QCOMPARE(spec.options, failed.options);
        QCOMPARE(spec.password, QStringLiteral("secret"));

        // The field owns sslmode: choosing none drops it.
        sslCombo()->setCurrentIndex(0);
        QVERIFY(!m_dialog->spec().options.contains(QStringLiteral("sslmode")));
        QCOMPARE(urlEdit()->text(), QStringLiteral("postgresql://ann@db/shop?connect_timeout=7"));
    }

    void malformedUrlShowsTheMessage_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("says");
        QTest::newRow("port") << "postgresql://ann@db:54x/shop"
                              << "port";
        QTest::newRow("no database") << "mysql://ann@db"
                                     << "no database";
        QTest::newRow("scheme") << "oracle://ann@db/shop"
                                << "Unknown database type";
    }

    void malformedUrlShowsTheMessage()
    {
        QFETCH(QString, url);
        QFETCH(QString, says);
        retype(urlEdit(), QStringLiteral("postgresql://ann@db/shop"));
        QVERIFY(!messageLabel()->isVisible());

        retype(urlEdit(), url);
        QVERIFY(messageLabel()->isVisible());
        QVERIFY2(messageLabel()->text().contains(says), qPrintable(messageLabel()->text()));
        QCOMPARE(urlEdit()->text(), url);
        // The fields keep the last URL that made sense.
        QCOMPARE(databaseEdit()->text(), QStringLiteral("shop"));
        QCOMPARE(userEdit()->text(), QStringLiteral("ann"));

        retype(urlEdit(), QStringLiteral("postgresql://ann@db:5432/stock"));
        QVERIFY(!messageLabel()->isVisible());
        QCOMPARE(databaseEdit()->text(), QStringLiteral("stock"));
    }

    void sqliteDisablesServerFields()
    {
        for (QWidget *w :
             std::initializer_list<QWidget *>{hostEdit(), portSpin(), userEdit(), passwordEdit()})
            QVERIFY2(w->isEnabled(), qPrintable(w->objectName()));
        retype(userEdit(), QStringLiteral("ann"));
        retype(passwordEdit(), QStringLiteral("secret"));
        QVERIFY(!child<QToolButton>("browseButton")->isVisible());

        kindCombo()->setFocus();
        kindCombo()->setCurrentIndex(SQLite);

        for (QWidget *w : std::initializer_list<QWidget *>{hostEdit(), portSpin(), userEdit(),
                                                           passwordEdit(), sslCombo()})
            QVERIFY2(!w->isEnabled(), qPrintable(w->objectName()));
        QVERIFY(child<QToolButton>("browseButton")->isVisible());
        retype(databaseEdit(), QStringLiteral("/srv/shop.db"));
        QCOMPARE(urlEdit()->text(), QStringLiteral("sqlite:////srv/shop.db"));
        const ConnectionSpec spec = m_dialog->spec();
        QVERIFY(spec.isSqlite());
        QCOMPARE(spec.database, QStringLiteral("/srv/shop.db"));
        QVERIFY(spec.password.isEmpty());
        QVERIFY(spec.user.isEmpty());

        // A typed server URL turns them back on; a typed sqlite URL off again.
        retype(urlEdit(), QStringLiteral("mysql://ann@db/shop"));
        QCOMPARE(kindCombo()->currentIndex(), int(MySQL));
        QVERIFY(hostEdit()->isEnabled());
        QVERIFY(passwordEdit()->isEnabled());
        retype(urlEdit(), QStringLiteral("sqlite:///relative/shop.db"));
        QCOMPARE(kindCombo()->currentIndex(), int(SQLite));
        QCOMPARE(databaseEdit()->text(), QStringLiteral("relative/shop.db"));
        QVERIFY(!hostEdit()->isEnabled());
        QVERIFY(!userEdit()->isEnabled());
        QVERIFY(!passwordEdit()->isEnabled());
    }
};

QTEST_MAIN(ConnectDialogTest)
#include "tst_connectdialog.moc"
