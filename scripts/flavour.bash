# Sourced by scripts/setup, scripts/build and scripts/test: the build flavour chosen by
#   KW_BUILD_TYPE  Release (default) | Debug | RelWithDebInfo
#   KW_TORCH       debian (default: Debian's libtorch 1.13) | pip (torch==2.13.0 in a venv)
#   KW_COMPILER    gcc (default) | clang (Debian's clang 14)
#   KW_SANITIZE    empty (default) | address | undefined | address,undefined
# and what follows from it: kw_build_dir (build/release, build/release-torch2,
# build/debug-clang-address-undefined, ...) and kw_cmake_flavour_args.
kw_build_type="${KW_BUILD_TYPE:-Release}"
kw_torch="${KW_TORCH:-debian}"
kw_compiler="${KW_COMPILER:-gcc}"
kw_sanitize="${KW_SANITIZE:-}"
# The venv of KW_TORCH=pip, shared by every pip build of this tree.
kw_torch_venv="build/torch-venv"
kw_torch_pip_version="2.13.0"

kw_build_dir="build/$(printf %s "$kw_build_type" | tr "[:upper:]" "[:lower:]")"
kw_cmake_flavour_args=()
case "$kw_torch" in
debian) ;;
pip) kw_build_dir+="-torch2" ;;
*) echo "KW_TORCH must be debian or pip, got '$kw_torch'" >&2; exit 2 ;;
esac
case "$kw_compiler" in
gcc) ;;
clang)
    kw_build_dir+="-clang"
    kw_cmake_flavour_args+=(-DCMAKE_CXX_COMPILER=clang++-14) ;;
*) echo "KW_COMPILER must be gcc or clang, got '$kw_compiler'" >&2; exit 2 ;;
esac
if [ -n "$kw_sanitize" ]; then
    kw_build_dir+="-${kw_sanitize//,/-}"
    kw_cmake_flavour_args+=("-DKW_SANITIZE=$kw_sanitize")
fi

# Prints the CMAKE_PREFIX_PATH of the venv's torch (after scripts/setup made the venv): its CMake
# package folder, and the wheel's root too, because TorchConfig.cmake looks for libc10 with
# find_library(... PATHS), which finds Debian's /usr/lib copy first unless a prefix holds it.
kw_torch_cmake_prefix() {
    local packages
    packages="$("$kw_torch_venv/bin/python" -W ignore -c \
        "import torch; print(torch.utils.cmake_prefix_path)")"
    echo "$packages;$(cd "$packages/../.." && pwd)"
}
