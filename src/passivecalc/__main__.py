from passivecalc.cli import main

main()
