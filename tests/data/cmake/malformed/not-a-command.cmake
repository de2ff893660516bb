project(a)
  = not a command
