"""Peers in scripts/bench-bulkedit.sh: the SQLAlchemy scripts people write for this task.

  bulk  session.query(User).filter_by(status='inactive').update({'status': 'active'})
  orm   load every matching User, set .status on each, commit (the unit of work flushes them)

Usage: sqlalchemy_peers.py bulk|orm URL   (sqlite:////abs/file.db, postgresql://...)
"""
import sys

from sqlalchemy import Column, Integer, Text, create_engine
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(Text)
    email = Column(Text)
    status = Column(Text)
    age = Column(Integer)
    city = Column(Text)
    created_at = Column(Text)


def bulk(session):
    return session.query(User).filter_by(status="inactive").update({"status": "active"})


def orm(session):
    users = session.query(User).filter_by(status="inactive").all()
    for user in users:
        user.status = "active"
    return len(users)


def main(mode, url):
    engine = create_engine(url)
    with Session(engine) as session:
        changed = {"bulk": bulk, "orm": orm}[mode](session)
        session.commit()
    print(f"sqlalchemy {mode}: {changed} rows updated", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
