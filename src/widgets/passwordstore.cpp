#include "passwordstore.h"

#include <QEventLoop>
#include <QTimer>

#ifdef TABULA_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace Tabula {

namespace {

#ifdef TABULA_HAVE_KEYCHAIN
const QString kService = QStringLiteral("Tabula");

// Keychain jobs are asynchronous; the few callers here want an answer before connecting.
// A keychain that does not answer within a few seconds counts as no keychain.
bool runJob(QKeychain::Job *job)
{
    QEventLoop loop;
    bool finished = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    job->start();
    loop.exec();
    return finished && job->error() == QKeychain::NoError;
}
#endif

} // namespace

bool PasswordStore::isAvailable()
{
#ifdef TABULA_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

QString PasswordStore::read(const QString &url)
{
#ifdef TABULA_HAVE_KEYCHAIN
    QKeychain::ReadPasswordJob job(kService);
    job.setAutoDelete(false);
    job.setKey(url);
    return runJob(&job) ? job.textData() : QString();
#else
    Q_UNUSED(url);
    return {};
#endif
}

bool PasswordStore::write(const QString &url, const QString &password, QString *error)
{
#ifdef TABULA_HAVE_KEYCHAIN
    QKeychain::WritePasswordJob job(kService);
    job.setAutoDelete(false);
    job.setKey(url);
    job.setTextData(password);
    if (runJob(&job))
        return true;
    *error = job.errorString().isEmpty() ? QObject::tr("The keychain did not answer.")
                                         : job.errorString();
    return false;
#else
    Q_UNUSED(url);
    Q_UNUSED(password);
    *error = QObject::tr("Tabula was built without keychain support.");
    return false;
#endif
}

} // namespace Tabula
