# Shows one course sold two ways: on your own site at 99 with card fees and a monthly plan, and on a Udemy-style marketplace at 15 that keeps 63 % of organic sales.
set -euo pipefail
passivecalc course --platform own --price 99 --students-per-month 8 --launch-students 40 --years 4
passivecalc course --platform marketplace --price 15 --students-per-month 60 --refund-rate 8 --years 4
