require_relative "lib/foo/version"

Gem::Specification.new do |spec|
  spec.name = "foo"
  spec.version = Foo::VERSION
end
