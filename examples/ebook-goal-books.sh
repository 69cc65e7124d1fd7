# Shows goal seeking on the effort lever: how many 3.99 ebooks a writer needs for 500 a month of net income by year 10.
set -euo pipefail
passivecalc goal ebook --target 500 --price 3.99 --format csv
