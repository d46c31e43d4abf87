# The software version and the git commit, recorded in reports and shown by --version.
execute_process(
  COMMAND git rev-parse --short=12 HEAD
  WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
  OUTPUT_VARIABLE CROSSCHECK_GIT_COMMIT
  OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET)
if(NOT CROSSCHECK_GIT_COMMIT)
  set(CROSSCHECK_GIT_COMMIT "unknown")
endif()
