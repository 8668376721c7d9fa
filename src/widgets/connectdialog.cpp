#include "connectdialog.h"
#include "ui_connectdialog.h"

#include "passwordstore.h"

#include <QFileDialog>
#include <QPushButton>

namespace Tabula {

namespace {

DatabaseKind kindAt(int index)
{
    switch (index) {
    case 1:
        return DatabaseKind::MySQL;
    case 2:
        return DatabaseKind::SQLite;
    default:
        return DatabaseKind::PostgreSQL;
    }
}

int indexOf(DatabaseKind kind)
{
    switch (kind) {
    case DatabaseKind::MySQL:
        return 1;
    case DatabaseKind::SQLite:
        return 2;
    default:
        return 0;
    }
}

} // namespace

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ConnectDialog>())
{
    m_ui->setupUi(this);
    m_ui->messageLabel->hide();
    m_ui->rememberCheck->setEnabled(PasswordStore::isAvailable());
    connect(m_ui->urlEdit, &QLineEdit::textEdited, this, &ConnectDialog::urlEdited);
    for (QLineEdit *edit : {m_ui->hostEdit, m_ui->databaseEdit, m_ui->userEdit})
        connect(edit, &QLineEdit::textEdited, this, &ConnectDialog::fieldsEdited);
    connect(m_ui->portSpin, &QSpinBox::valueChanged, this, &ConnectDialog::fieldsEdited);
    connect(m_ui->sslCombo, &QComboBox::currentIndexChanged, this, &ConnectDialog::fieldsEdited);
    connect(m_ui->kindCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateFieldsForKind();
        fieldsEdited();
    });
    connect(m_ui->browseButton, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("SQLite database"));
        if (!path.isEmpty()) {
            m_ui->databaseEdit->setText(path);
            fieldsEdited();
        }
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateFieldsForKind();
}

ConnectDialog::~ConnectDialog() = default;

void ConnectDialog::setMessage(const QString &message)
{
    m_ui->messageLabel->setText(message);
    m_ui->messageLabel->setVisible(!message.isEmpty());
}

void ConnectDialog::setSpec(const ConnectionSpec &spec)
{
    m_updating = true;
    m_ui->kindCombo->setCurrentIndex(indexOf(spec.kind));
    m_ui->hostEdit->setText(spec.host);
    m_ui->portSpin->setValue(qMax(spec.port, 0));
    m_ui->databaseEdit->setText(spec.database);
    m_ui->userEdit->setText(spec.user);
    if (!spec.password.isEmpty())
        m_ui->passwordEdit->setText(spec.password);
    const int ssl = m_ui->sslCombo->findText(spec.options.value(QStringLiteral("sslmode")));
    m_ui->sslCombo->setCurrentIndex(qMax(ssl, 0));
    m_ui->urlEdit->setText(spec.displayUrl());
    m_updating = false;
    updateFieldsForKind();
}

ConnectionSpec ConnectDialog::spec() const
{
    ConnectionSpec spec;
    // Options with no field of their own (connect_timeout, mode=ro) live only in the URL.
    spec.options = ConnectionSpec::fromUrl(m_ui->urlEdit->text(), nullptr).options;
    spec.options.remove(QStringLiteral("sslmode")); // the SSL field owns this one
    spec.kind = kindAt(m_ui->kindCombo->currentIndex());
    spec.database = m_ui->databaseEdit->text().trimmed();
    if (spec.kind != DatabaseKind::SQLite) {
        spec.host = m_ui->hostEdit->text().trimmed();
        spec.port = m_ui->portSpin->value() > 0 ? m_ui->portSpin->value() : -1;
        spec.user = m_ui->userEdit->text().trimmed();
        spec.password = m_ui->passwordEdit->text();
        if (spec.kind == DatabaseKind::PostgreSQL && m_ui->sslCombo->currentIndex() > 0)
            spec.options.insert(QStringLiteral("sslmode"), m_ui->sslCombo->currentText());
    }
    return spec;
}

bool ConnectDialog::rememberPassword() const
{
    return m_ui->rememberCheck->isEnabled() && m_ui->rememberCheck->isChecked();
}

void ConnectDialog::fieldsEdited()
{
    if (m_updating)
        return;
    m_updating = true;
    m_ui->urlEdit->setText(spec().displayUrl());
    m_updating = false;
}

void ConnectDialog::urlEdited(const QString &text)
{
    QString error;
    const ConnectionSpec parsed = ConnectionSpec::fromUrl(text, &error);
    setMessage(error);
    if (!error.isEmpty() || !text.contains(QLatin1String("://")))
        return;
    m_updating = true;
    const QString password = m_ui->passwordEdit->text();
    const int cursor = m_ui->urlEdit->cursorPosition();
    setSpec(parsed);
    if (parsed.password.isEmpty())
        m_ui->passwordEdit->setText(password);
    // The URL field keeps what the user is typing (a password in it stays out of sight later).
    m_ui->urlEdit->setText(text);
    m_ui->urlEdit->setCursorPosition(cursor);
    m_updating = false;
}

void ConnectDialog::updateFieldsForKind()
{
    const bool server = kindAt(m_ui->kindCombo->currentIndex()) != DatabaseKind::SQLite;
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_ui->hostEdit, m_ui->hostLabel, m_ui->portSpin, m_ui->portLabel, m_ui->userEdit,
             m_ui->userLabel, m_ui->passwordEdit, m_ui->passwordLabel, m_ui->rememberCheck})
        w->setEnabled(server && (w != m_ui->rememberCheck || PasswordStore::isAvailable()));
    const bool postgres = kindAt(m_ui->kindCombo->currentIndex()) == DatabaseKind::PostgreSQL;
    m_ui->sslCombo->setEnabled(postgres);
    m_ui->sslLabel->setEnabled(postgres);
    m_ui->browseButton->setVisible(!server);
    m_ui->databaseLabel->setText(server ? tr("&Database:") : tr("&File:"));
}

} // namespace Tabula
