#pragma once

#include <QRectF>
#include <QString>
#include <vector>

namespace crosscheck::viewer {

class PdfCanvas;

/// A Bland-Altman plot drawn on a PDF page: one point per patient at (mean of CT and sCT,
/// CT - sCT), the bias as a solid line and the limits of agreement (bias +- 1.96 SD) as
/// dashed lines, each labelled with its value; axes with a few round ticks. The numbers
/// come from core (comparePaired); this only draws them. `boxMm` is the whole plot with its
/// title and axis labels (mm on the page).
struct BlandAltmanData {
    QString title;  ///< "Mean HU"
    QString unit;   ///< "HU", "mm"
    std::vector<double> ct;
    std::vector<double> sct;
    double bias = 0.0;
    double loaLow = 0.0;
    double loaHigh = 0.0;
};

void drawBlandAltman(PdfCanvas& canvas, const QRectF& boxMm, const BlandAltmanData& data);

}  // namespace crosscheck::viewer
