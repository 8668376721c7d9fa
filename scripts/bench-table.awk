# Summarizes bench results ("DB NAME MICROSECONDS RSS_KB [IN_PROCESS_MICROSECONDS]" or
# "DB NAME FAIL" per run) of the database `db` into one markdown table, contenders in `order`,
# ratios to the first (column `ratio_label`); a last column with the median time the process
# measured itself when the contenders printed one.
function sort_numbers(a, n,    i, j, t) {
    for (i = 2; i <= n; i++)
        for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
}
function median(a, n) {
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
$1 == db && $3 == "FAIL" { failed[$2]++; next }
$1 == db {
    runs[$2]++
    seconds[$2, runs[$2]] = $3 / 1e6
    if ($4 > rss[$2]) rss[$2] = $4
    if (NF >= 5) { inside[$2, runs[$2]] = $5 / 1e3; timed_inside = 1 }
}
END {
    if (ratio_label == "") ratio_label = "× floor"
    extra = timed_inside ? " in process, median ms |" : ""
    print "| contender | median s | min s | max s | peak RSS MB | " ratio_label " |" extra
    print "|---|---:|---:|---:|---:|---:|" (timed_inside ? "---:|" : "")
    count = split(order, names, " ")
    for (k = 1; k <= count; k++) {
        name = names[k]
        n = runs[name]
        if (n == 0) { printf "| %s | failed | | | | |%s\n", name, timed_inside ? " |" : ""; continue }
        delete t
        for (i = 1; i <= n; i++) t[i] = seconds[name, i]
        sort_numbers(t, n)
        m = median(t, n)
        if (k == 1) floor = m
        note = failed[name] ? sprintf(" (%d wrong)", failed[name]) : ""
        ratio = floor ? sprintf("%.2f", m / floor) : "n/a"
        printf "| %s%s | %.3f | %.3f | %.3f | %.0f | %s |", name, note, m, t[1], t[n],
            rss[name] / 1024, ratio
        if (timed_inside) {
            delete t
            for (i = 1; i <= n; i++) t[i] = inside[name, i]
            sort_numbers(t, n)
            printf " %.0f |", median(t, n)
        }
        printf "\n"
    }
}
