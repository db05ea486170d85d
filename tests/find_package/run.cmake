# Installs the build tree into a scratch prefix, then configures, builds and runs the client.
file(REMOVE_RECURSE ${WFM_WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${WFM_BUILD_DIR} --prefix ${WFM_WORK_DIR}/prefix
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install failed: ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${WFM_CLIENT_SOURCE} -B ${WFM_WORK_DIR}/build
                        -DCMAKE_PREFIX_PATH=${WFM_WORK_DIR}/prefix
                        "-DCMAKE_CXX_FLAGS=${WFM_CLIENT_FLAGS}"
                        "-DCMAKE_EXE_LINKER_FLAGS=${WFM_CLIENT_FLAGS}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "configure failed: ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WFM_WORK_DIR}/build RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "build failed: ${rc}")
endif()
execute_process(COMMAND ${WFM_WORK_DIR}/build/wfm_client RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "2026-03-02T08:30\n")
    message(FATAL_ERROR "client failed: ${rc} '${out}'")
endif()
