# Runs PROGRAM with ARGS ("|"-separated) and writes its standard output to
# OUTPUT, through a temporary file renamed into place (no half-written file).
# EMULATOR, when set, runs it (a cross build: qemu). See CMakeLists.txt.
string(REPLACE "|" ";" ARGS "${ARGS}")
execute_process(COMMAND ${EMULATOR} ${PROGRAM} ${ARGS} OUTPUT_FILE ${OUTPUT}.tmp
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(REMOVE ${OUTPUT}.tmp)
  message(FATAL_ERROR "${PROGRAM} ${ARGS} failed: ${result}")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
