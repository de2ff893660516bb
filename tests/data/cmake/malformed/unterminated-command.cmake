project(a)
FetchContent_Declare(x
  GIT_REPOSITORY https://github.com/a/b
