"""Baseline for the ingest benchmark: Python's built-in sqlite3 loading the same JSON Lines into a
table with an FTS5 index (what a careful one-off script would do). Prints JSON figures."""
import json, sqlite3, sys, time, resource, os

src, dst = sys.argv[1], sys.argv[2]
if os.path.exists(dst):
    os.remove(dst)
t0 = time.time()
db = sqlite3.connect(dst)
db.execute('PRAGMA journal_mode=WAL')
db.execute('PRAGMA synchronous=NORMAL')
db.execute('CREATE TABLE messages (id INTEGER PRIMARY KEY, sender TEXT, recipients TEXT, ts TEXT, body TEXT)')
db.execute("CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='id')")
n = 0
batch = []
def flush():
    db.executemany('INSERT INTO messages (id, sender, recipients, ts, body) VALUES (?, ?, ?, ?, ?)', batch)
    db.executemany('INSERT INTO messages_fts (rowid, body) VALUES (?, ?)', [(b[0], b[4]) for b in batch])
    db.commit()
    batch.clear()
with open(src, encoding='utf-8') as f:
    for line in f:
        r = json.loads(line)
        if r.get('type') != 'message':
            continue
        n += 1
        batch.append((n, r['from'], ','.join(r.get('to') or []), r['ts'], r['body']))
        if len(batch) >= 5000:
            flush()
flush()
db.close()
el = time.time() - t0
print(json.dumps({'messages': n, 'seconds': el, 'rate': n / el, 'maxrss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
