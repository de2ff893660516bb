require (
	"example.com/\x61b" v1.0.0 //indirect
	`example.com/raw` v0.1.0-rc.1
)
retract [v1.0.0, v1.1.0]
replace a.b/c v1.0.0 => ../c
