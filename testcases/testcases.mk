# placeholder, written by the foundation work
