# Shows a niche blog's hours up front and income after: 8 articles a month for 2 years, then 6 more years of traffic, with break-even and net gain per hour.
set -euo pipefail
passivecalc blog --articles-per-month 8 --publish-months 24 --views-per-article 250 --rpm 12 --years 8
