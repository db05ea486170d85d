include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS wfm EXPORT wfm-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/wfm DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT wfm-targets NAMESPACE wfm:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/wfm)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/wfm-config.cmake.in
                              ${PROJECT_BINARY_DIR}/wfm-config.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/wfm)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/wfm-config-version.cmake
                                 COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/wfm-config.cmake ${PROJECT_BINARY_DIR}/wfm-config-version.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/wfm)
