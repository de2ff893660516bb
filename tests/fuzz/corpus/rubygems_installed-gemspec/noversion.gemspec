Gem::Specification.new do |s|
  s.name = "foo".freeze
  s.version = Foo::VERSION
end
