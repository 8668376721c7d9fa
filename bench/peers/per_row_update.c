/* A peer in scripts/bench-bulkedit.sh: what a careful C program does without a single
 * UPDATE ... WHERE: read the matching ids, then one prepared single-row UPDATE per id, all in
 * one transaction.
 * Usage: peer_per_row_update FILE.db */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static int fail(sqlite3 *db, const char *what)
{
    fprintf(stderr, "peer_per_row_update: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
    sqlite3_close(db);
    return 1;
}

/* Doubles the room for ids; 0 when out of memory. */
static int grow(sqlite3_int64 **ids, long *capacity)
{
    sqlite3_int64 *grown = realloc(*ids, 2 * *capacity * sizeof **ids);
    if (!grown)
        return 0;
    *ids = grown;
    *capacity *= 2;
    return 1;
}

/* The ids of the rows to change, in *ids (malloc'ed); returns their count or -1. */
static long matching_ids(sqlite3 *db, sqlite3_int64 **ids)
{
    sqlite3_stmt *select = NULL;
    long count = 0, capacity = 1024;
    *ids = malloc(capacity * sizeof **ids);
    if (!*ids || sqlite3_prepare_v2(db, "SELECT id FROM users WHERE status = ?", -1, &select, NULL))
        return -1;
    sqlite3_bind_text(select, 1, "inactive", -1, SQLITE_STATIC);
    while (sqlite3_step(select) == SQLITE_ROW) {
        if (count == capacity && !grow(ids, &capacity)) {
            sqlite3_finalize(select);
            return -1;
        }
        (*ids)[count++] = sqlite3_column_int64(select, 0);
    }
    return sqlite3_finalize(select) == SQLITE_OK ? count : -1;
}

static int update_each(sqlite3 *db, const sqlite3_int64 *ids, long count)
{
    sqlite3_stmt *update = NULL;
    if (sqlite3_prepare_v2(db, "UPDATE users SET status = ? WHERE id = ?", -1, &update, NULL))
        return 0;
    sqlite3_bind_text(update, 1, "active", -1, SQLITE_STATIC);
    for (long i = 0; i < count; ++i) {
        sqlite3_bind_int64(update, 2, ids[i]);
        if (sqlite3_step(update) != SQLITE_DONE || sqlite3_changes(db) != 1) {
            sqlite3_finalize(update);
            return 0;
        }
        sqlite3_reset(update);
    }
    return sqlite3_finalize(update) == SQLITE_OK;
}

int main(int argc, char **argv)
{
    sqlite3 *db = NULL;
    sqlite3_int64 *ids = NULL;
    if (argc != 2) {
        fprintf(stderr, "usage: peer_per_row_update FILE.db\n");
        return 2;
    }
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL))
        return fail(db, "open");
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
        return fail(db, "begin");
    const long count = matching_ids(db, &ids);
    if (count < 0)
        return fail(db, "select");
    if (!update_each(db, ids, count))
        return fail(db, "update");
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL))
        return fail(db, "commit");
    free(ids);
    sqlite3_close(db);
    fprintf(stderr, "peer_per_row_update: %ld rows updated\n", count);
    return 0;
}
