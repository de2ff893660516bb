include(ExternalProject)
ExternalProject_Add(curl_ext
  URL [=[https://curl.se/download/curl-8.5.0.tar.xz]=]
  URL_MD5 "0D0C6F4E8C8E4D4E3F5B0C0A7E1D2B3C"
  CMAKE_ARGS -DBUILD_SHARED_LIBS=OFF "-DCMAKE_C_FLAGS=-O2 -g"
)
CPMAddPackage("gh:gabime/spdlog@1.13.0")
CPMAddPackage(NAME cxxopts GITHUB_REPOSITORY jarro2783/cxxopts VERSION 3.1.1)
CPMAddPackage("gh:catchorg/Catch2#v3.5.2")
ExternalProject_Add(legacy SVN_REPOSITORY https://svn.example.org/repo/trunk SVN_REVISION -r1234)
