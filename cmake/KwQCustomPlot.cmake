# QCustomPlot for Qt 6: the system package where there is one (Debian: libqcustomplot-dev), else
# its release sources fetched at configure time and built as a static library (Homebrew has no
# package). Nothing of QCustomPlot is kept in this repository.
find_package(QCustomPlotQt6 QUIET)
if(QCustomPlotQt6_FOUND)
  return()
endif()

message(STATUS "QCustomPlotQt6 not installed: fetching the QCustomPlot 2.1.1 sources")
include(FetchContent)
FetchContent_Declare(qcustomplot
  URL https://www.qcustomplot.com/release/2.1.1/QCustomPlot-source.tar.gz)
FetchContent_MakeAvailable(qcustomplot)
add_library(kw_qcustomplot STATIC ${qcustomplot_SOURCE_DIR}/qcustomplot.cpp ${qcustomplot_SOURCE_DIR}/qcustomplot.h)
target_include_directories(kw_qcustomplot SYSTEM PUBLIC ${qcustomplot_SOURCE_DIR})
target_link_libraries(kw_qcustomplot PUBLIC Qt6::Widgets Qt6::PrintSupport)
add_library(QCustomPlotQt6::QCustomPlotQt6 ALIAS kw_qcustomplot)
