module example.com/bad

/* block comments are not go.mod syntax */
