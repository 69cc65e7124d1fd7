# Shows an outsourced content site month by month as CSV: writers paid 60 an article (money put in), your 1 h of editing each, the site valued at 36x monthly profit.
set -euo pipefail
passivecalc blog --articles-per-month 20 --publish-months 12 --cost-per-article 60 --hours-per-article 1 --sale-multiple 36 --years 3 --period month --format csv
