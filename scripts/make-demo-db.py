#!/usr/bin/env python3
"""Writes resources/demo/demo.db, the SQLite database the demo opens.

Deterministic: the same script writes the same rows every time (fixed seed, fixed clock).
Run it again after changing it, and commit the .db with the script:

    python3 scripts/make-demo-db.py [OUTPUT]
"""
import datetime
import os
import random
import sqlite3
import sys

FIRST_NAMES = [
    "Ada", "Alan", "Alice", "Amara", "Anna", "Arjun", "Ben", "Björn", "Carla", "Chen",
    "Chloé", "Daniel", "Diego", "Elena", "Emma", "Fatima", "Felix", "Grace", "Hana", "Hugo",
    "Ines", "Ivan", "Jakob", "James", "Jana", "José", "Julia", "Kai", "Karin", "Kenji",
    "Lars", "Laura", "Leila", "Liam", "Lucas", "Maja", "Marco", "Maria", "Mateo", "Mei",
    "Mia", "Nadia", "Noah", "Nora", "Olga", "Omar", "Paula", "Pedro", "Priya", "Rafael",
    "Rosa", "Sam", "Sara", "Sofia", "Stefan", "Tariq", "Tom", "Valentina", "Yuki", "Zoe",
]
LAST_NAMES = [
    "Andersen", "Bauer", "Becker", "Costa", "Dubois", "Fischer", "García", "Hansen",
    "Hoffmann", "Ivanova", "Jensen", "Kowalski", "Kumar", "Lambert", "Larsen", "Li",
    "López", "Martin", "Meyer", "Moreau", "Müller", "Nakamura", "Nguyen", "Novak",
    "O'Brien", "Okafor", "Petrov", "Rossi", "Santos", "Schmidt", "Schneider", "Silva",
    "Smith", "Tanaka", "Van Dijk", "Wagner", "Weber", "Wong", "Yilmaz", "Zhang",
]
DOMAINS = ["example.com", "example.org", "mail.example", "post.example", "example.net"]
PRODUCTS = [
    ("Espresso beans 1 kg", 18.90), ("Filter coffee 500 g", 8.50), ("Green tea 100 g", 6.20),
    ("Ceramic mug", 9.90), ("Travel mug", 17.50), ("French press", 29.00),
    ("Pour-over dripper", 22.00), ("Paper filters (100)", 4.40), ("Burr grinder", 89.00),
    ("Milk frother", 34.90), ("Kettle, gooseneck", 54.00), ("Scale, 0.1 g", 24.50),
    ("Cold brew bottle", 19.90), ("Chai blend 250 g", 9.80), ("Cocoa 250 g", 7.30),
    ("Gift card", 25.00), ("Cleaning tablets", 11.20), ("Tamper", 15.00),
    ("Knock box", 21.00), ("Descaler", 8.90),
]
ACTIONS = ["login", "logout", "update_profile", "place_order", "cancel_order", "reset_password"]
NOTES = [
    "Leave at the door", "Gift wrap, please", "Call before delivery", "Second floor",
    "Deliver after 5 pm", 'Box marked "fragile"', "Ring twice",
]

SCHEMA = """
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'pending')),
    age INTEGER CHECK (age BETWEEN 0 AND 150),
    created_at TEXT
);
CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    price REAL CHECK (price >= 0),
    stock INTEGER
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    product_id INTEGER REFERENCES products(id),
    quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
    ordered_at TEXT,
    note TEXT
);
CREATE INDEX orders_user ON orders(user_id);
CREATE VIEW active_users AS
    SELECT id, name, email, age, created_at FROM users WHERE status = 'active';
CREATE TABLE audit_log (
    at TEXT NOT NULL,
    user_id INTEGER,
    action TEXT NOT NULL
);
"""


def ascii_part(text):
    """Lower-case ASCII for an e-mail address: 'Müller' -> 'muller', "O'Brien" -> 'obrien'."""
    table = str.maketrans("áàâäãåçéèêëíìîïñóòôöõøúùûüýÿšžł", "aaaaaaceeeeiiiinooooouuuuuyyszl")
    return "".join(c for c in text.lower().translate(table) if c.isalnum())


def iso(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "resources", "demo", "demo.db")
    if os.path.exists(output):
        os.remove(output)
    rng = random.Random(20240601)
    start = datetime.datetime(2023, 1, 1, 8, 0, 0)

    db = sqlite3.connect(output)
    db.executescript(SCHEMA)

    users = []
    emails = set()
    for user_id in range(1, 301):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        base = f"{ascii_part(first)}.{ascii_part(last)}"
        email = f"{base}@{rng.choice(DOMAINS)}"
        n = 2
        while email in emails:
            email = f"{base}{n}@{rng.choice(DOMAINS)}"
            n += 1
        emails.add(email)
        if rng.random() < 0.04:
            email = None  # not everyone left an address
        status = rng.choices(["active", "inactive", "pending"], weights=[75, 15, 10])[0]
        age = rng.randint(18, 86) if rng.random() > 0.06 else None
        created = start + datetime.timedelta(minutes=rng.randint(0, 600 * 24 * 60))
        users.append((user_id, f"{first} {last}", email, status, age, iso(created)))
    db.executemany("INSERT INTO users VALUES (?, ?, ?, ?, ?, ?)", users)

    products = [(i, name, price, rng.randint(0, 250)) for i, (name, price) in enumerate(PRODUCTS, 1)]
    db.executemany("INSERT INTO products VALUES (?, ?, ?, ?)", products)

    orders = []
    audit = []
    for order_id in range(1, 601):
        user = rng.choice(users)
        created = datetime.datetime.fromisoformat(user[5])
        ordered = created + datetime.timedelta(minutes=rng.randint(60, 200 * 24 * 60))
        product_id = rng.randint(1, len(products)) if rng.random() > 0.02 else None
        quantity = rng.choices([1, 2, 3, 4, 6, 12], weights=[60, 20, 8, 5, 4, 3])[0]
        note = rng.choice(NOTES) if rng.random() < 0.15 else None
        orders.append((order_id, user[0], product_id, quantity, iso(ordered), note))
        audit.append((iso(ordered), user[0], "place_order"))
    db.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)", orders)

    for _ in range(400):
        user = rng.choice(users)
        moment = datetime.datetime.fromisoformat(user[5]) + datetime.timedelta(
            minutes=rng.randint(0, 300 * 24 * 60))
        audit.append((iso(moment), user[0], rng.choice(ACTIONS)))
    audit.sort()
    db.executemany("INSERT INTO audit_log VALUES (?, ?, ?)", audit)

    db.commit()
    db.execute("VACUUM")
    db.close()
    print(f"wrote {output}: {len(users)} users, {len(products)} products, {len(orders)} orders, "
          f"{len(audit)} audit rows")


if __name__ == "__main__":
    main()
