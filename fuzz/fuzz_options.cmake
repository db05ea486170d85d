# WFM_BUILD_FUZZERS: instrument everything for libFuzzer with ASan + UBSan (clang only). Included
# before the library target so that the library itself is instrumented.
option(WFM_BUILD_FUZZERS "Build the libFuzzer harnesses in fuzz/ (clang only)" OFF)
if(WFM_BUILD_FUZZERS)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "WFM_BUILD_FUZZERS needs clang (libFuzzer); configure with "
                            "--preset fuzz or CMAKE_CXX_COMPILER=clang++")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined)
endif()
