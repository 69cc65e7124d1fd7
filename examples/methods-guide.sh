# Shows the guide to all eight methods, then the ones that fit 5,000 of capital, 5 hours a week and medium risk, ranked with reasons.
set -euo pipefail
passivecalc methods --format csv
passivecalc methods --capital 5000 --hours-per-week 5 --risk medium
passivecalc methods --capital 500 --hours-per-week 3 --risk low --format json
