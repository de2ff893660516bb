// Every directive of the go.mod reference (https://go.dev/ref/mod#go-mod-file).
module example.com/full

go 1.21

toolchain go1.21.5

godebug (
	default=go1.21
	panicnil=1
)

require github.com/pkg/errors v0.9.1

require (
	golang.org/x/text v0.14.0 // indirect
	"github.com/quoted/path" v1.0.0
	golang.org/x/net v0.20.0
	example.com/old v1.0.0
	example.com/anyver v1.5.0 // indirect; needed by the tests only
	example.com/localdep v0.0.0-00010101000000-000000000000
	gopkg.in/yaml.v3 v3.0.1
	example.com/incompat v2.0.0+incompatible
	example.com/short v1.2
)

require ()

replace example.com/old v1.0.0 => example.com/new v1.1.0

replace (
	example.com/anyver => example.com/fork v1.6.0 // every version
	example.com/localdep => ./local/dep
	example.com/notrequired v1.0.0 => example.com/other v1.2.0
)

exclude golang.org/x/net v0.19.0

retract v1.0.1 // published by mistake

retract [v0.9.0, v0.9.5]

tool golang.org/x/tools/cmd/stringer
