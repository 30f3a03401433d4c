# Writes OUTPUT: "version VERSION", then "<sha256>  <file name>" per file of
# FILES ("|"-separated), as sha256sum prints them. Run by the build (see CMakeLists.txt).
set(text "version ${VERSION}\n")
string(REPLACE "|" ";" FILES "${FILES}")
foreach(file IN LISTS FILES)
  file(SHA256 ${file} sum)
  get_filename_component(name ${file} NAME)
  string(APPEND text "${sum}  ${name}\n")
endforeach()
file(WRITE ${OUTPUT} "${text}")
