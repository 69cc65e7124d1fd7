# Shows the month-by-month CSV of a P2P saver lending 250 a month, with fees, charge-offs, recoveries and NAR per month, ready for a spreadsheet.
set -euo pipefail
passivecalc p2p --capital 0 --contribution 250 --rate 10 --term 36 --default-rate 3 --recovery 20 --recovery-lag 4 --fee 1 --tax 20 --years 3 --period month --format csv
