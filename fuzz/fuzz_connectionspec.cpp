// The URL parser on arbitrary text, and the URL it writes back.

#include "connectionspec.h"

#include <cstdint>

using namespace Tabula;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const ConnectionSpec spec = ConnectionSpec::fromUrl(text, &error);
    if (error.isEmpty()) {
        const QString again = spec.toUrl(true);
        ConnectionSpec::fromUrl(again, &error);
        (void)spec.displayUrl();
    }
    return 0;
}
