module example.com/bad
module example.com/again
