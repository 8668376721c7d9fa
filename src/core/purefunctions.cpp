#include "purefunctions.h"

#include <QStringList>

namespace Tabula {

namespace {

QSet<QString> words(std::initializer_list<const char *> lists)
{
    QSet<QString> set;
    for (const char *list : lists) {
        const QStringList split = QString::fromLatin1(list).split(' ', Qt::SkipEmptyParts);
        set.unite(QSet<QString>(split.cbegin(), split.cend()));
    }
    return set;
}

// Standard SQL and the names all three share: comparison, text, numbers, aggregates, and the
// type names that take a length (CAST(x AS VARCHAR(10))).
const char *const kCommon =
    "coalesce nullif greatest least lower upper trim ltrim rtrim length char_length "
    "character_length octet_length substr substring replace position concat abs round "
    "ceil ceiling floor mod power sign sqrt exp ln log sin cos tan asin acos atan atan2 pi "
    "degrees radians count sum avg min max char varchar character decimal numeric float "
    "double real int integer smallint bigint text date time timestamp extract cast "
    "nullif lpad rpad left right repeat reverse instr hex ";

const char *const kSqlite =
    "ifnull iif typeof quote printf format unicode glob like likelihood likely unlikely "
    "random randomblob zeroblob total group_concat datetime julianday strftime unixepoch "
    "json json_extract json_array json_object json_array_length json_type json_valid "
    "json_quote json_each json_tree blob tabula_fold ";

const char *const kPostgres =
    "btrim initcap split_part strpos starts_with translate ascii chr md5 encode decode "
    "concat_ws to_char to_date to_timestamp to_number date_trunc date_part age now "
    "make_date make_time make_timestamp justify_days justify_hours justify_interval trunc "
    "div cbrt log10 random regexp_replace regexp_match regexp_matches regexp_split_to_array "
    "array_length array_to_string string_to_array array_position array_positions "
    "array_lower array_upper cardinality unnest array_agg string_agg bool_and bool_or "
    "every generate_series pg_typeof to_json to_jsonb row_to_json json_build_object "
    "jsonb_build_object json_build_array jsonb_build_array json_extract_path "
    "json_extract_path_text jsonb_extract_path jsonb_extract_path_text json_array_length "
    "jsonb_array_length json_typeof jsonb_typeof jsonb_path_exists jsonb_path_query_first "
    "jsonb_path_match jsonb_exists jsonb_exists_any jsonb_exists_all overlay bit_length "
    "varying boolean bool int2 int4 int8 float4 float8 bpchar interval timestamptz uuid json "
    "jsonb bytea ";

const char *const kMysql =
    "if ifnull isnull nvl locate lcase ucase mid concat_ws field elt find_in_set space "
    "strcmp soundex ascii bin oct conv unhex md5 sha1 sha2 crc32 truncate log2 log10 rand "
    "cot group_concat convert format date_format str_to_date date_add date_sub datediff "
    "timestampdiff timestampadd adddate subdate curdate curtime now sysdate utc_timestamp "
    "from_unixtime unix_timestamp makedate last_day year month day hour minute second "
    "dayofweek dayofmonth dayofyear week weekday quarter datetime json_extract json_unquote "
    "json_value json_query json_contains json_length json_type json_valid json_keys "
    "json_object json_array regexp_replace regexp_substr regexp_instr signed unsigned "
    "binary interval ";

} // namespace

const QSet<QString> &sqlitePureFunctions()
{
    static const QSet<QString> set = words({kCommon, kSqlite});
    return set;
}

const QSet<QString> &postgresPureFunctions()
{
    static const QSet<QString> set = words({kCommon, kPostgres});
    return set;
}

const QSet<QString> &mysqlPureFunctions()
{
    static const QSet<QString> set = words({kCommon, kMysql});
    return set;
}

} // namespace Tabula
