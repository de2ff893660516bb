module example.com/bad

require github.com/x/y 1.2.3
