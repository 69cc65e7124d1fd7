# Shows KDP's two royalty plans on a 20 MB illustrated ebook at 4.99: the 70 % plan's delivery fee makes the 35 % plan pay more (the note on stderr says so).
set -euo pipefail
passivecalc ebook --books 1 --price 4.99 --file-mb 20 --royalty 70 --years 3 --format json
passivecalc ebook --books 1 --price 4.99 --file-mb 20 --years 3 --format json
