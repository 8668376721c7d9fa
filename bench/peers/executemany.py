"""A peer in scripts/bench-bulkedit.sh: the DB-API script without SQLAlchemy. Reads the
matching ids, then one executemany() of a single-row UPDATE, one commit.

Usage: executemany.py sqlite:///FILE.db | postgresql://user:password@host:port/db
"""
import sys


def connect(url):
    if url.startswith("sqlite:///"):
        import sqlite3
        return sqlite3.connect(url[len("sqlite:///"):]), "?"
    import psycopg2
    return psycopg2.connect(url), "%s"


def main(url):
    conn, mark = connect(url)
    cur = conn.cursor()
    cur.execute(f"SELECT id FROM users WHERE status = {mark}", ("inactive",))
    rows = [("active", id_) for (id_,) in cur.fetchall()]
    cur.executemany(f"UPDATE users SET status = {mark} WHERE id = {mark}", rows)
    conn.commit()
    conn.close()
    print(f"executemany: {len(rows)} rows updated", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
