# Guard: CTest runs every test case of wfm_tests (catch_discover_tests once dropped 115 of them).
# Compares the names `wfm_tests --list-test-names-only` prints with the CTest tests that run it.
# -DWFM_TESTS=<wfm_tests executable> -DWFM_BUILD_DIR=<top build directory>
execute_process(COMMAND ${WFM_TESTS} --list-test-names-only
                OUTPUT_VARIABLE listed RESULT_VARIABLE listed_rc)
string(REGEX REPLACE "\n$" "" listed "${listed}")
string(REPLACE "\n" ";" listed "${listed}")
list(LENGTH listed catch_count)

execute_process(COMMAND ${CMAKE_CTEST_COMMAND} --show-only=json-v1 --test-dir ${WFM_BUILD_DIR}
                OUTPUT_VARIABLE json RESULT_VARIABLE json_rc)
if(NOT json_rc EQUAL 0)
    message(FATAL_ERROR "ctest --show-only=json-v1 failed (${json_rc})")
endif()
string(JSON total LENGTH "${json}" tests)
set(ctest_count 0)
if(total GREATER 0)
    math(EXPR last "${total} - 1")
    foreach(i RANGE ${last})
        string(JSON command ERROR_VARIABLE no_command GET "${json}" tests ${i} command 0)
        if(NOT no_command AND command STREQUAL WFM_TESTS)
            math(EXPR ctest_count "${ctest_count} + 1")
        endif()
    endforeach()
endif()
if(NOT catch_count EQUAL ctest_count OR catch_count LESS 1)
    message(FATAL_ERROR "wfm_tests lists ${catch_count} test cases, CTest runs ${ctest_count}: "
                        "a name that catch_discover_tests cannot pass (see tests/CMakeLists.txt)?")
endif()
message(STATUS "CTest runs all ${ctest_count} test cases of wfm_tests")
