#pragma once

// Header-only: tables that reference each other, written once for every database.
//   customers (id, code, name): 26 rows; 26 is named "100% O'Brien_x"
//   orders (id, customer_id → customers, note): 1 → 1, 2 → 3, 3 → 3, 4 → NULL
//   parts (a, b, title), primary key (a, b); uses (id, pa, pb), (pa, pb) → parts (a, b)

#include "testdatabases.h"

namespace Tabula::Test {

inline QStringList shopStatements(const Database &db)
{
    QStringList sql{
        "CREATE TABLE customers (id %PK%, code %TEXT%, name %TEXT%)",
        "CREATE TABLE orders (id %PK%, customer_id INTEGER, note %TEXT%, "
        "FOREIGN KEY (customer_id) REFERENCES customers (id))",
        "CREATE TABLE parts (a INTEGER NOT NULL, b INTEGER NOT NULL, title %TEXT%, "
        "PRIMARY KEY (a, b))",
        "CREATE TABLE uses (id %PK%, pa INTEGER, pb INTEGER, "
        "FOREIGN KEY (pa, pb) REFERENCES parts (a, b))",
    };
    for (int i = 1; i <= 25; ++i)
        sql << QStringLiteral("INSERT INTO customers VALUES (%1, 'C%2', 'Customer %1')")
                   .arg(i)
                   .arg(i, 2, 10, QLatin1Char('0'));
    sql << "INSERT INTO customers VALUES (26, 'C26', '100% O''Brien_x')"
        << "INSERT INTO orders VALUES (1, 1, 'first')"
        << "INSERT INTO orders VALUES (2, 3, 'second')"
        << "INSERT INTO orders VALUES (3, 3, 'third')"
        << "INSERT INTO orders VALUES (4, NULL, 'none')"
        << "INSERT INTO parts VALUES (1, 1, 'bolt')"
        << "INSERT INTO parts VALUES (1, 2, 'nut')"
        << "INSERT INTO uses VALUES (1, 1, 2)";
    for (QString &statement : sql)
        statement = portable(db, statement);
    return sql;
}

// Creates the tables on `db`; the database's message if a statement fails.
inline QString createShop(const Database &db)
{
    for (const QString &statement : shopStatements(db)) {
        const QString failure = exec(db, statement);
        if (!failure.isEmpty())
            return failure;
    }
    return {};
}

} // namespace Tabula::Test
