module example.com/bad

replace github.com/x/y => github.com/z/y
