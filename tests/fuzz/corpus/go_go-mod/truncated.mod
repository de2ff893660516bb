module example.com/bad

go 1.21

require (
	github.com/x/y v1.0.0
	github.com/z/w v1.