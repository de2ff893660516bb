module example.com/bad

require "github.com/x/y v1.0.0
