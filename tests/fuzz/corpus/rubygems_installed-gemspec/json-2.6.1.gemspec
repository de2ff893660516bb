# -*- encoding: utf-8 -*-
# stub: json 2.6.1 ruby lib
# stub: ext/json/extconf.rb

Gem::Specification.new do |s|
  s.name = "json".freeze
  s.version = "2.6.1"
  s.licenses = ["Ruby".freeze, "BSD-2-Clause".freeze]
  s.summary = "JSON Implementation for Ruby".freeze
end
