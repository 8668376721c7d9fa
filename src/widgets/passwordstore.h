#pragma once

#include <QString>

namespace Tabula {

// Passwords of saved connections live in the system keychain (Secret Service, KWallet),
// never in Tabula's settings. Where no keychain answers, nothing is stored and the password
// is asked for each time.
class PasswordStore
{
public:
    static bool isAvailable();
    // The password stored for a connection URL (given without its password), or empty.
    static QString read(const QString &url);
    // Returns false, with the keychain's reason, when it could not be stored.
    static bool write(const QString &url, const QString &password, QString *error);
};

} // namespace Tabula
