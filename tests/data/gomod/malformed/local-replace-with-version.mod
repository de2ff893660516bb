module example.com/bad

replace github.com/x/y => ./y v1.0.0
