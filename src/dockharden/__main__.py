from dockharden.cli import main

main()
