# Shows how wide a blog's outcomes are: 5,000 simulated paths of its traffic level, month-to-month drift and search-engine core updates, and how many reach 300 a month.
set -euo pipefail
passivecalc blog --articles-per-month 6 --publish-months 24 --simulate 5000 --seed 42 --target 300 --years 6
