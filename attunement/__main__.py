from attunement.commands import main

main()
