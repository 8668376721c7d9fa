#pragma once

#include "connectionspec.h"

#include <QDialog>
#include <memory>

namespace Ui {
class ConnectDialog;
}

namespace Tabula {

// Where to connect: a URL, or the same spelled out field by field (the two stay in step).
// The password is typed here or read from the system keychain, never shown in the URL.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);
    ~ConnectDialog() override;

    void setSpec(const ConnectionSpec &spec);
    ConnectionSpec spec() const;
    bool rememberPassword() const;
    void setMessage(const QString &message);

private:
    void fieldsEdited();
    void urlEdited(const QString &text);
    void updateFieldsForKind();

    std::unique_ptr<Ui::ConnectDialog> m_ui;
    bool m_updating = false;
};

} // namespace Tabula
