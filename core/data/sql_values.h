#pragma once

#include <QMetaType>
#include <QVariant>
#include <optional>

// An optional number to and from an SQL column: a missing value is NULL (typed Double, so a
// batched bind of a column that starts with NULL still binds numbers).
namespace SqlValues {

inline QVariant optionalValue(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::Double));
}

inline std::optional<double> optionalDouble(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<double>(value.toDouble());
}

} // namespace SqlValues
