# Warnings and sanitizers shared by every wfm target.
function(wfm_set_warnings target)
    if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion
                                                 -Wsign-conversion -Wshadow)
        if(WFM_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
endfunction()

# Unity groups for `target`: the files of each directory among `sources` are split into
# ceil(n / max) runs of consecutive files of near-equal size, each compiled as one translation
# unit (docs/performance.md, "Build time"). Names in a file's anonymous namespace must then be
# unique within its directory; helpers that two files share go in a header.
function(wfm_unity_groups target sources max)
    set(dirs)
    foreach(source IN LISTS sources)
        get_filename_component(dir ${source} DIRECTORY)
        list(APPEND dirs ${dir})
    endforeach()
    list(REMOVE_DUPLICATES dirs)
    foreach(dir IN LISTS dirs)
        set(members)
        foreach(source IN LISTS sources)
            get_filename_component(source_dir ${source} DIRECTORY)
            if(source_dir STREQUAL dir)
                list(APPEND members ${source})
            endif()
        endforeach()
        list(LENGTH members n)
        math(EXPR groups "(${n} + ${max} - 1) / ${max}")
        # The group name comes from the directory's path, so that two directories with the same
        # last component never share a group.
        file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${dir})
        string(MAKE_C_IDENTIFIER "${rel}" name)
        set(k 0)
        foreach(source IN LISTS members)
            math(EXPR group "${k} * ${groups} / ${n}")
            set_source_files_properties(${source} PROPERTIES UNITY_GROUP ${name}_${group})
            math(EXPR k "${k} + 1")
        endforeach()
    endforeach()
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_MODE GROUP)
endfunction()

if(WFM_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined)
endif()

# GCC 12 reports false -Wrestrict, -Wstringop-overflow and -Warray-bounds inside std::string
# concatenation when optimising (GCC bugs 105651 and 105329, fixed in GCC 13).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    add_compile_options(-Wno-restrict -Wno-stringop-overflow -Wno-array-bounds)
endif()
